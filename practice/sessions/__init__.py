"""Role-play sessions: turns, their scores, the client's answers, and the debrief."""
