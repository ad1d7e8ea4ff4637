"""Persian normalization folds the spellings a user and an article may use onto one form."""

from index.text.normalize import normalize
from index.text.tokens import words


def test_arabic_letters_fold_to_persian():
    assert normalize("كتاب علي") == normalize("کتاب علی")
    assert "ي" not in normalize("سياسي") and "ك" not in normalize("كشور")


def test_teh_marbuta_heh_hamza_and_diacritics_fold():
    assert normalize("مدرسة") == normalize("مدرسه")
    assert normalize("خانۀ") == normalize("خانه")
    assert normalize("كِتابُ") == normalize("کتاب")


def test_digits_become_ascii_and_decimals_survive():
    assert "127" in normalize("۱۲۷ دفتر")
    assert "12.5" in normalize("نرخ ۱۲٫۵ درصد")
    assert "12.5" in normalize("نرخ 12.5 درصد")


def test_half_space_and_space_give_the_same_words():
    assert words(normalize("می‌شود")) == words(normalize("مي شود"))
    assert words(normalize("کتاب‌ها")) == ["کتاب", "ها"]


def test_decomposed_madda_and_hamza_seats_fold():
    decomposed_america = "\u0627\u0653مریکا"  # alef + combining madda, as PQuAD's Wikipedia text writes it
    assert normalize(decomposed_america) == normalize("آمریکا") == "آمریکا"
    assert normalize("رأی") == normalize("رای")
    assert normalize("مسئله") == normalize("مسیله")
    assert normalize("مؤسسه") == normalize("موسسه")
    assert normalize("علای\u0654م") == normalize("علائم")
