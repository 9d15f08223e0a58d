def pytest_configure(config):
    config.addinivalue_line("markers", "notebooks: executes a notebook in a real Jupyter kernel (nbclient)")
