"""annota.storage"""
