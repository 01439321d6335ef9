"""SC389: information system of the Steering Committees 389."""
