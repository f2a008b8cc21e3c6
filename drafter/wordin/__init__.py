"""Users' own Word and text files into drafter's document model (`drafter format`).

source.py reads paragraphs with formatting hints, roles.py decides what each paragraph
is, layout.py splits and renumbers headings and builds the Document, reporting every
correction it makes.
"""
