"""The format tests, one folder per package of ``annotator/formats/``.

pytest puts this conftest's folder on ``sys.path`` (its default import mode), so the tests in
``csv/``, ``json/``, ``eaf/`` and ``subtitles/`` import the helpers shared between formats
(``csv_helpers``, ``exchange_helpers``) by name. Those folders must never get an
``__init__.py``: with this folder on ``sys.path``, a package ``csv`` or ``json`` here could
hide the stdlib's.
"""
