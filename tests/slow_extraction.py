"""An extractor for the importer's worker processes that stalls or dies on a marker (no Django here).

Worker processes find it by module name, so it lives beside the tests rather than inside one.
"""

import os
import time

from articles.extraction import pipeline

STALL = "STALLS-THE-EXTRACTOR"
DIE = "KILLS-THE-EXTRACTOR"


def extract_file(data: bytes, name: str, **options):
    if STALL.encode() in data:
        time.sleep(120)  # what a catastrophic regex does to a worker
    if DIE.encode() in data:
        os._exit(3)  # what running out of memory or a crash in C does to it
    return pipeline.extract_file(data, name, **options)
