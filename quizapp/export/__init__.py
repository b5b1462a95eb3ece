"""Moving a bank out of quizapp and back: Anki decks, Moodle XML, GIFT, JSON and CSV."""
