"""WSGI entry point for `fairscreen serve` (waitress) or any WSGI server in production."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fairscreen.config.settings")
application = get_wsgi_application()
