"""xcreport: the information-publicity ledgers (信息宣传台账) of a county transportation bureau,
checked against its annual opinion (工作意见), scored, ranked and reported."""

__version__ = "0.1.0"
