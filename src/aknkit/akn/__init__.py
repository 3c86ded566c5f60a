"""Akoma Ntoso: the emitter (model -> AKN), the reader (AKN -> model), identifiers, the schema and safe XML parsing."""
