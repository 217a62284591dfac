import accounts.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_roles'),
    ]

    operations = [
        migrations.AddField(
            model_name='user',
            name='country',
            field=models.CharField(blank=True, db_default='', default='', help_text='Used only to show you helplines in your country first. Never shown to others.', max_length=2, validators=[accounts.validators.validate_country_code], verbose_name='country'),
        ),
    ]
