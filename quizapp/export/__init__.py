"""Moving a bank out of quizapp and back: Anki decks, Moodle XML, GIFT, JSON and CSV.

`selection` chooses the items (only supported ones leave quizapp), one module per
format turns them into bytes, and `files` writes the bytes so that a failed export
leaves no partial file behind.
"""


class ExportError(ValueError):
    """An export or import refused, with a message naming the problem and where."""
