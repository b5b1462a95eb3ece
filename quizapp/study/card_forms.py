"""The flashcard rating form: which card, which rating, and a token that makes it count once."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField
from wtforms.validators import InputRequired, Length, NumberRange


class ReviewForm(FlaskForm):
    item = HiddenField(validators=[InputRequired(message="the form names no card")])
    token = HiddenField(
        validators=[
            InputRequired(message="the review token is missing; reload the card"),
            Length(min=8, max=64, message="the review token is malformed; reload the card"),
        ]
    )
    rating = IntegerField(
        validators=[
            InputRequired(message="choose Again, Hard, Good or Easy"),
            NumberRange(min=1, max=4, message="a rating is 1 (Again) to 4 (Easy)"),
        ]
    )
