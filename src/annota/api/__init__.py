"""annota.api"""
