"""Video media: frame-exact by presentation timestamps (pts), never by time x frame rate.

- ``formats``: which files are videos, and their MIME types.
- ``probe``: a quick, decode-light look at an upload (is it a video we can serve? how many frames?).
- ``index``: the frame -> pts map and keyframe list, built by demuxing (or decoding when the
  container's timestamps cannot be trusted), packed compactly for the database.
- ``builds``: index builds running in background threads, readable while they progress.
- ``reader``: exact decoding of frame n, seeking from the nearest keyframe; ``pool`` keeps
  readers open between requests so that playback continues instead of seeking again.
- ``encode``: JPEG (and lossless PNG) of a decoded frame, rotated for display.
- ``chunks``: several frames in one stored (uncompressed) zip for playback.
- ``cache``: encoded frames and chunks on disk, with a size cap and LRU eviction.
- ``frames``: the façade that serves a frame or a chunk through the cache, and ``runtime`` the
  per-process registry holding the cache, the readers and the builds.
"""
