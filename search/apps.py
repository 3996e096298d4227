from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"

    def ready(self):
        # The archive never imports search: it signals its changes, and the index queue listens.
        from articles import signals

        from . import indexing

        signals.articles_stored.connect(indexing.on_articles_stored, dispatch_uid="search.articles_stored")
        signals.articles_changed.connect(indexing.on_articles_changed, dispatch_uid="search.articles_changed")
        signals.people_changed.connect(indexing.on_people_changed, dispatch_uid="search.people_changed")
        signals.import_started.connect(indexing.on_import_started, dispatch_uid="search.import_started")
        signals.import_progress.connect(indexing.on_import_progress, dispatch_uid="search.import_progress")
