"""Video probing, exact frame access, proxies, waveforms and thumbnails."""
