"""annota.jobs"""
