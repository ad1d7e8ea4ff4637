"""An answer shows the article's sentence in today's letters, with numbers parted from glued words."""

from assistant.display import display_form


def test_arabic_letters_show_as_persian_and_glued_dates_part():
    quote = "14 شركت برتر صنعت ساختمان كشور 30خردادماه در همايش مسكن فردا تنديس بلورين دريافت مي كنند."
    shown = display_form(quote)
    assert "30 خردادماه" in shown and "شرکت" in shown and "ي" not in shown and "ك" not in shown
    assert len(shown.split()) == len(quote.split()) + 1


def test_latin_names_with_digits_stay_whole():
    assert display_form("اجلاس G20 و جنگنده F16") == "اجلاس G20 و جنگنده F16"
