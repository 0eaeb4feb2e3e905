"""marsad.exports"""
