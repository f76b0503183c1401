"""Finance: statements, payments, withdrawals, statement transactions, unsettled orders.
Amounts are strings, as TikTok sends them (§4.4)."""

from __future__ import annotations

from typing import Any

from mock_server.families.shop.errors import invalid_params, not_found
from mock_server.families.shop.models import PAYMENT_STATUSES, WITHDRAWAL_TYPES, Order, Statement, StatementLine
from mock_server.families.shop.orders import order_of
from mock_server.families.shop.paging import paginate
from mock_server.families.shop.requests import Call, in_range
from mock_server.families.shop.state import ShopRecords


def statement_view(statement: Statement) -> dict[str, Any]:
    revenue = statement.total("revenue_amount")
    return {
        "id": statement.id,
        "statement_time": statement.statement_time,
        "settlement_amount": statement.total("settlement_amount"),
        "currency": statement.currency,
        "revenue_amount": revenue,
        "fee_amount": statement.total("fee_amount"),
        "adjustment_amount": statement.adjustment_amount,
        "shipping_cost_amount": statement.total("shipping_cost_amount"),
        "net_sales_amount": revenue,
        "payment_status": statement.payment_status,
        "payment_id": statement.payment_id,
    }


def statements(records: ShopRecords, call: Call) -> dict[str, Any]:
    # sort_field is required and statement_time its only value (§4.4).
    call.choice("sort_field", ("statement_time",), required=True)
    status = call.text("payment_status")
    if status is not None and status not in PAYMENT_STATUSES:
        raise invalid_params(f"Invalid parameter. payment_status must be one of {', '.join(PAYMENT_STATUSES)}.")
    window = call.integer("statement_time_ge"), call.integer("statement_time_lt")
    found = (
        s
        for s in records.statements.values()
        if status in (None, s.payment_status) and in_range(s.statement_time, *window)
    )
    page = paginate(
        found, lambda s: (s.statement_time, s.id), call.page_size(), call.text("page_token"), call.descending()
    )
    return {"statements": [statement_view(s) for s in page.items], "next_page_token": page.next_page_token}


def payments(records: ShopRecords, call: Call) -> dict[str, Any]:
    call.choice("sort_field", ("create_time",), required=True)
    window = call.integer("create_time_ge"), call.integer("create_time_lt")
    found = (p for p in records.data.payments if in_range(p.create_time, *window))
    page = paginate(
        found, lambda p: (p.create_time, p.id), call.page_size(), call.text("page_token"), call.descending()
    )
    views = [
        {
            "id": p.id,
            "create_time": p.create_time,
            "status": p.status,
            "amount": {"value": p.amount, "currency": p.currency},
            "settlement_amount": {"value": p.amount, "currency": p.currency},
            "reserve_amount": {"value": "0.00", "currency": p.currency},
            "paid_time": p.paid_time,
            "bank_account": p.bank_account,
        }
        for p in page.items
    ]
    return {"payments": views, "next_page_token": page.next_page_token}


def withdrawals(records: ShopRecords, call: Call) -> dict[str, Any]:
    raw = call.text("types")
    types = raw.split(",") if raw else list(WITHDRAWAL_TYPES)
    unknown = [t for t in types if t not in WITHDRAWAL_TYPES]
    if unknown:
        raise invalid_params(f"Invalid parameter. types takes {', '.join(WITHDRAWAL_TYPES)}, got '{unknown[0]}'.")
    window = call.integer("create_time_ge"), call.integer("create_time_lt")
    found = (w for w in records.data.withdrawals if w.type in types and in_range(w.create_time, *window))
    page = paginate(found, lambda w: (w.create_time, w.id), call.page_size(), call.text("page_token"))
    views = [
        {
            "id": w.id,
            "type": w.type,
            "amount": w.amount,
            "currency": w.currency,
            "status": w.status,
            "create_time": w.create_time,
        }
        for w in page.items
    ]
    return {"withdrawals": views, "next_page_token": page.next_page_token}


def _transaction_view(line: StatementLine, currency: str, statement_id: str | None = None) -> dict[str, Any]:
    view = {
        "id": line.id,
        "type": "ORDER",
        "order_id": line.order_id,
        "order_create_time": line.order_create_time,
        "revenue_amount": line.revenue_amount,
        "fee_tax_amount": line.fee_amount,
        "shipping_cost_amount": line.shipping_cost_amount,
        "adjustment_amount": "0.00",
        "settlement_amount": line.settlement_amount,
        "currency": currency,
    }
    if statement_id is not None:
        view["statement_id"] = statement_id
    return view


def statement_transactions(records: ShopRecords, call: Call) -> dict[str, Any]:
    # The query is checked before the statement is looked up, as TikTok's gateway does.
    call.choice("sort_field", ("order_create_time",), default="order_create_time")
    size, descending = call.page_size(), call.descending()
    statement_id = call.path_params["statement_id"]
    statement = records.statements.get(statement_id)
    if statement is None:
        raise not_found("statement", statement_id)
    page = paginate(statement.lines, lambda t: (t.order_create_time, t.id), size, call.text("page_token"), descending)
    return {
        "statement_id": statement.id,
        "statement_time": statement.statement_time,
        "total_count": page.total_count,
        "next_page_token": page.next_page_token,
        "transactions": [_transaction_view(line, statement.currency) for line in page.items],
    }


def order_transactions(records: ShopRecords, call: Call) -> dict[str, Any]:
    order = order_of(records, call.path_params["order_id"])
    lines = [
        _transaction_view(line, statement.currency, statement.id)
        for statement in records.statements.values()
        for line in statement.lines
        if line.order_id == order.id
    ]
    return {
        "order_id": order.id,
        "order_create_time": order.create_time,
        "currency": order.currency,
        "statement_transactions": lines,
    }


def unsettled(records: ShopRecords, call: Call) -> dict[str, Any]:
    """Paid orders no statement has settled yet, with what they are expected to bring."""
    call.choice("sort_field", ("order_create_time",), default="order_create_time")
    settled = {line.order_id for s in records.statements.values() for line in s.lines}
    found = (o for o in records.orders.values() if o.id not in settled and o.status not in ("UNPAID", "CANCELLED"))
    page = paginate(
        found, lambda o: (o.create_time, o.id), call.page_size(), call.text("page_token"), call.descending()
    )
    return {
        "transactions": [_unsettled_view(o) for o in page.items],
        "total_count": page.total_count,
        "next_page_token": page.next_page_token,
    }


def _unsettled_view(order: Order) -> dict[str, Any]:
    reason = "IN_SETTLEMENT_PERIOD" if order.status in ("DELIVERED", "COMPLETED") else "NOT_DELIVERED"
    return {
        "id": order.id,
        "order_id": order.id,
        "order_create_time": order.create_time,
        "currency": order.currency,
        "est_revenue_amount": order.sub_total,
        "est_settlement_amount": order.sub_total,
        "unsettled_reason": reason,
        "status": order.status,
    }
