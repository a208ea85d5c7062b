"""The exact frame sources behind ``media.frame_source.open_frame_source``: ``pyav``
(the default) and ``opencv``, on what they share (``cached_source``: range checks, stepping
back; ``frame_cache``: the decoded frames they keep). Open them through
``open_frame_source``, not directly."""
