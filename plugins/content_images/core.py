"""Pure functions for images."""


def displayed_size(size: tuple[int, int], max_width: int) -> tuple[int, int]:
    """The size of the fallback image: the original, scaled down (never
    up) to ``max_width`` wide, the aspect ratio kept."""
    width, height = size
    if width <= max_width:
        return width, height
    return max_width, round(height * max_width / width)
