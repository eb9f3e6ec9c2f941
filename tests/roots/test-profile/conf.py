project = "Ada Example"
author = "Ada Example"
extensions = ["sphinx_vita"]
exclude_patterns = ["_build"]
html_theme = "furo"

vita_profile = {
    "name": "Ada María O'Example",
    "role": "Research <Engineer>",
    "affiliation": "Example & Sons Lab",
    "affiliation_url": "https://lab.example.org/",
    "email": "ada@example.org",
    "location": "Pune, India",
    "tagline": "Builds things </script><script>alert(1)</script> that learn.",
    "phone": "+91 98765 43210",
    "links": {
        "GitHub": "https://github.com/ada-example",
        "Scholar": "https://scholar.example.org/ada",
        "Evil": "javascript:alert(1)",
    },
    "alumni_of": ["Example Institute of Technology", "Second University"],
}
