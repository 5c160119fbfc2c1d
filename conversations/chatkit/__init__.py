"""The ChatKit endpoint: OpenAI's ChatKit UI talking to the same agent, turns and tables.

`POST /api/chatkit` is served by the `openai-chatkit` package's `ChatKitServer` (`server.py`)
over a `Store` on the Django ORM (`store.py`): a ChatKit thread is a `Conversation` and its items
are `Message` rows, so a conversation reads the same through the chat API and through ChatKit.
Every turn goes through the chat API's turn service (`start_turn`, called from `turn.py`).
"""
