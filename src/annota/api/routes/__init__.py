"""annota.api.routes"""
