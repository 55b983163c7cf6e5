"""annota.auth"""
