"""annota.formats"""
