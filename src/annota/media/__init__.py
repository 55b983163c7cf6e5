"""annota.media"""
