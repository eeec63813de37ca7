def test_one_line_history_addresses_meet_their_structured_form() -> None:
    from hirewall.normalise.addresses import normalise_address, parse_one_line

    one = parse_one_line("3885 Chestnut Ave APT 31, Portland, OR 97201, US")
    assert one is not None
    assert (
        one.address_key
        == normalise_address("3885 Chestnut Avenue", "# 31", "Portland", "OR", "97201").address_key
    )
    assert parse_one_line("somewhere nice") is None
    assert parse_one_line("") is None
