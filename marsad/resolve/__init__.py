"""marsad.resolve"""
