"""Named SPARQL queries shipped with govkg, one .rq file each; see `kg query --list`."""
