"""The project as people use it: browser, real servers, publishing, commands."""
