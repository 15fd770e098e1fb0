"""Teams of learners, the scenarios assigned to them, and how far each learner has got with each assignment."""
