"""Routes of the bank: quizzes (being built)."""
