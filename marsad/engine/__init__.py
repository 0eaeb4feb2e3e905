"""marsad.engine"""
