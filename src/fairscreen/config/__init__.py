"""Deployment configuration: typed settings, URLs, WSGI and the job queue."""
