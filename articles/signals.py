"""What the archive tells other apps about its changes. The search app listens (search/apps.py connects
its index queue to these in ready()); the archive never imports it, and works without it.

    articles_stored(article_ids)    an import stored or changed these articles, in its open transaction
    articles_changed(article_ids)   an editor changed these articles (or what they show)
    people_changed(person_ids)      an editor changed these people: every article showing them changed
    import_started(batch_size)      an import begins storing: a listener may answer a helper that keeps
                                    up with it beside the import (wake() after each stored batch,
                                    finish(lock_timeout) at the end, stop() if it fails; the search
                                    app's is a writer process); without one the import drains through
                                    import_progress itself
    import_progress(wait, batch_size, final)
                                    an import has stored a batch (or finished): a listener brings what it
                                    keeps from the archive up to date, waiting at most `wait` seconds for
                                    a lock, and answers how many changes it left for later
"""

from django.dispatch import Signal

articles_stored = Signal()
articles_changed = Signal()
people_changed = Signal()
import_started = Signal()
import_progress = Signal()
