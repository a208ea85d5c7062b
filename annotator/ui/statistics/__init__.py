"""The statistics dock: airtime bars and the current video's label-by-time strip."""
