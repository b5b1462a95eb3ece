"""Forms for signing in and registering."""

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, Regexp

from quizapp.models.user import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from quizapp.services.users import EMAIL


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=256)])
    submit = SubmitField("Sign in")


class RegistrationForm(FlaskForm):
    email = EmailField(
        "Email",
        validators=[
            DataRequired(),
            Regexp(EMAIL, message="That is not an email address."),
            Length(max=254),
        ],
    )
    password = PasswordField(
        "Password",
        validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=MAX_PASSWORD_LENGTH)],
    )
    confirm = PasswordField(
        "Repeat the password",
        validators=[DataRequired(), EqualTo("password", message="The passwords differ.")],
    )
    submit = SubmitField("Create my account")


class LogoutForm(FlaskForm):
    submit = SubmitField("Sign out")
