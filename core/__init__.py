"""The bottom layer every Hearth app may build on: no models, no Hearth imports.

Task helpers (enqueue after commit, queue names, retry backoff), the `id` URL converter, the
compiled-query machinery, message encryption, the posting errors and choices that several apps
share, the cache's degraded-mode question and the machinery of the apps' hooks. See README,
"App boundaries".
"""
