"""Named entities: the Persian NER (a trained head over e5 token states) and its tag set."""
