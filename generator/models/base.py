"""The base every data model shares: unknown keys are errors, never ignored."""

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    # A blank text is written as nothing at all (the key with no value), never as "": that would be an empty heading.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, str_min_length=1)
