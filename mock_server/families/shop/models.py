"""The TikTok Shop things the mock knows, named as the Partner API names them.

Everything here is frozen: the fixture builds it once, and a write replaces a
record (`dataclasses.replace`) in the run-time state instead of changing it, so
reset only has to copy a few dicts. Money is a decimal string, as TikTok sends it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

# tiktok-api.md §4.4: the statuses the order search accepts.
ORDER_STATUSES = (
    "UNPAID",
    "ON_HOLD",
    "AWAITING_SHIPMENT",
    "PARTIALLY_SHIPPING",
    "AWAITING_COLLECTION",
    "IN_TRANSIT",
    "DELIVERED",
    "COMPLETED",
    "CANCELLED",
)
PRODUCT_STATUSES = (
    "DRAFT",
    "PENDING",
    "FAILED",
    "ACTIVATE",
    "SELLER_DEACTIVATED",
    "PLATFORM_DEACTIVATED",
    "FREEZE",
    "DELETED",
)
SELLER_TYPES = ("LOCAL", "CROSS_BORDER")
PAYMENT_STATUSES = ("PAID", "FAILED", "PROCESSING")
WITHDRAWAL_TYPES = ("WITHDRAW", "SETTLE", "TRANSFER", "REVERSE")
SHIPPING_DOCUMENT_TYPES = (
    "SHIPPING_LABEL",
    "PACKING_SLIP",
    "SHIPPING_LABEL_AND_PACKING_SLIP",
    "SHIPPING_LABEL_PICTURE",
    "HAZMAT_LABEL",
    "INVOICE_LABEL",
)
# TikTok Shop's webhook types by name, with their numbers (tiktok-content-posting.md §6, and
# Partner Center's topic pages for 16 and 18; the Event API names 36). The Shop's own state
# raises 1, 3-7, 11, 12, 15, 16, 18 and 37 (the Partner API, shop/world.py, shop/authorizations.py); every type
# can be sent as a test event.
WEBHOOK_TYPES = {
    "ORDER_STATUS_CHANGE": 1,
    "REVERSE_STATUS_UPDATE": 2,
    "RECIPIENT_ADDRESS_UPDATE": 3,
    "PACKAGE_UPDATE": 4,
    "PRODUCT_STATUS_CHANGE": 5,
    "SELLER_DEAUTHORIZATION": 6,
    "UPCOMING_AUTHORIZATION_EXPIRATION": 7,
    "CANCELLATION_STATUS_CHANGE": 11,
    "RETURN_STATUS_CHANGE": 12,
    "NEW_CONVERSATION": 13,
    "NEW_MESSAGE": 14,
    "PRODUCT_INFORMATION_CHANGE": 15,
    "PRODUCT_CREATION": 16,
    "PRODUCT_CATEGORY_CHANGE": 18,
    "INVOICE_STATUS_CHANGE": 36,
    "PRODUCT_AUDIT_STATUS_CHANGE": 37,
}

# After-sale requests (Partner Center webhooks 11 and 12): who asks, and where a request can be.
CANCELLATION, RETURN = "cancellation", "return"
AFTER_SALE_ROLES = ("BUYER", "SELLER", "SYSTEM")
CANCEL_STATUSES = (
    "CANCELLATION_REQUEST_PENDING",
    "CANCELLATION_REQUEST_SUCCESS",
    "CANCELLATION_REQUEST_CANCELLED",
    "CANCELLATION_REQUEST_COMPLETE",
)
RETURN_TYPES = ("REFUND", "RETURN_AND_REFUND", "REPLACEMENT")
RETURN_STATUSES = (
    "RETURN_OR_REFUND_REQUEST_PENDING",
    "REFUND_OR_RETURN_REQUEST_REJECT",
    "AWAITING_BUYER_SHIP",
    "BUYER_SHIPPED_ITEM",
    "REJECT_RECEIVE_PACKAGE",
    "RETURN_OR_REFUND_REQUEST_SUCCESS",
    "RETURN_OR_REFUND_REQUEST_CANCEL",
    "RETURN_OR_REFUND_REQUEST_COMPLETE",
    "REPLACEMENT_REQUEST_PENDING",
    "REPLACEMENT_REQUEST_REJECT",
    "REPLACEMENT_REQUEST_REFUND_SUCCESS",
    "REPLACEMENT_REQUEST_CANCEL",
    "REPLACEMENT_REQUEST_COMPLETE",
)
# Shipped orders: the states an order reaches once its package left the warehouse.
SHIPPED_STATUSES = frozenset({"AWAITING_COLLECTION", "IN_TRANSIT", "DELIVERED", "COMPLETED"})

CURRENCIES = {"GB": "GBP", "US": "USD", "DE": "EUR", "FR": "EUR", "ES": "EUR", "IT": "EUR", "IE": "EUR"}
CURRENCIES.update({"ID": "IDR", "MY": "MYR", "PH": "PHP", "SG": "SGD", "TH": "THB", "VN": "VND", "MX": "MXN"})


def currency_of(region: str) -> str:
    return CURRENCIES.get(region, "USD")


@dataclass(frozen=True)
class ShopApp:
    """A Partner Center app: `app_key` + `app_secret`, and the scopes it was granted."""

    app_key: str
    app_secret: str
    name: str
    service_id: str
    redirect_uri: str
    scopes: tuple[str, ...]
    # Observed: access tokens live 7 days; refresh expiries lie about a century ahead (§4.2).
    access_token_ttl: int = 7 * 86400
    refresh_token_ttl: int = 100 * 365 * 86400
    code_ttl: int = 600
    # A seller authorizes an app for at most a year (Seller Center); then the connection ends.
    authorization_ttl: int = 365 * 86400
    auto_approve: str | None = None  # a seller name: the authorize page redirects at once, as them
    webhook_url: str | None = None  # Partner Center's webhook URL: the Shop's webhooks go here

    def not_allowed(self, scopes: Iterable[str]) -> list[str]:
        """The scopes this app was not granted: the one check for fixture and minted tokens."""
        return [scope for scope in scopes if scope not in self.scopes]


@dataclass(frozen=True)
class Shop:
    id: str
    name: str
    region: str
    seller_type: str
    cipher: str
    code: str

    @property
    def currency(self) -> str:
        return currency_of(self.region)


@dataclass(frozen=True)
class Seller:
    name: str
    open_id: str
    region: str  # seller_base_region
    shops: tuple[Shop, ...]
    user_type: int = 0  # 0 = seller (§4.2)


@dataclass(frozen=True)
class Sku:
    id: str
    seller_sku: str
    price: str
    quantity: int
    sales_attributes: tuple[tuple[str, str], ...] = ()  # (name, value)


@dataclass(frozen=True)
class Product:
    id: str
    title: str
    description: str
    status: str
    create_time: int
    update_time: int
    skus: tuple[Sku, ...]
    category: str = "Home Supplies"
    category_id: str = "600001"
    brand: str = ""
    main_images: tuple[str, ...] = ()
    package_weight: str = "0.5"


@dataclass(frozen=True)
class LineItem:
    id: str
    product_id: str
    product_name: str
    sku_id: str
    sku_name: str
    seller_sku: str
    sale_price: str
    original_price: str
    package_id: str = ""


@dataclass(frozen=True)
class Address:
    name: str
    phone_number: str
    address_line1: str
    city: str
    postal_code: str
    region_code: str

    @property
    def full_address(self) -> str:
        return f"{self.address_line1}, {self.city}, {self.postal_code}, {self.region_code}"


@dataclass(frozen=True)
class ExternalOrder:
    platform: str
    id: str
    line_items: tuple[tuple[str, str], ...] = ()  # (line item id, origin id)


@dataclass(frozen=True)
class Order:
    id: str
    status: str
    create_time: int
    update_time: int
    user_id: str
    buyer_email: str
    buyer_message: str
    recipient_address: Address
    currency: str
    shipping_fee: str
    tax: str
    line_items: tuple[LineItem, ...]
    warehouse_id: str
    delivery_option_id: str
    shipping_provider_id: str = ""
    tracking_number: str = ""
    shipping_type: str = "TIKTOK"  # TIKTOK (platform logistics) or SELLER
    paid_time: int = 0
    is_buyer_request_cancel: bool = False
    external_orders: tuple[ExternalOrder, ...] = ()

    @property
    def sub_total(self) -> str:
        return money(sum(cents(item.sale_price) for item in self.line_items))

    @property
    def total_amount(self) -> str:
        return money(cents(self.sub_total) + cents(self.shipping_fee) + cents(self.tax))


@dataclass(frozen=True)
class Subscription:
    """A shop's webhook for one event type, set through the Event API (`PUT /event/202309/webhooks`)."""

    event_type: str
    address: str
    create_time: int
    update_time: int


@dataclass(frozen=True)
class AfterSale:
    """A cancellation or return request on an order, as its webhook describes it."""

    id: str
    kind: str  # CANCELLATION or RETURN
    order_id: str
    role: str  # who asked: BUYER, SELLER, SYSTEM
    status: str  # one of CANCEL_STATUSES or RETURN_STATUSES
    create_time: int
    update_time: int
    return_type: str = ""  # returns only: REFUND, RETURN_AND_REFUND, REPLACEMENT


@dataclass(frozen=True)
class Package:
    id: str
    order_id: str
    status: str  # PROCESSING, FULFILLING, COMPLETED, CANCELLED
    line_item_ids: tuple[str, ...]
    create_time: int
    update_time: int
    shipping_provider_id: str = ""
    tracking_number: str = ""
    handover_method: str = ""


@dataclass(frozen=True)
class StatementLine:
    """One order's money in a statement: a statement transaction."""

    id: str
    order_id: str
    order_create_time: int
    revenue_amount: str
    fee_amount: str
    shipping_cost_amount: str
    settlement_amount: str


@dataclass(frozen=True)
class Statement:
    id: str
    statement_time: int
    currency: str
    payment_status: str
    payment_id: str
    lines: tuple[StatementLine, ...]
    adjustment_amount: str = "0.00"

    def total(self, attribute: str) -> str:
        return money(sum(cents(getattr(line, attribute)) for line in self.lines))


@dataclass(frozen=True)
class Payment:
    id: str
    create_time: int
    status: str
    amount: str
    currency: str
    paid_time: int
    bank_account: str


@dataclass(frozen=True)
class Withdrawal:
    id: str
    type: str
    amount: str
    currency: str
    status: str
    create_time: int


@dataclass(frozen=True)
class ShippingProvider:
    id: str
    name: str


@dataclass(frozen=True)
class DeliveryOption:
    id: str
    name: str
    type: str
    shipping_providers: tuple[ShippingProvider, ...]


@dataclass(frozen=True)
class Warehouse:
    id: str
    name: str
    type: str  # SALES_WAREHOUSE / RETURN_WAREHOUSE
    is_default: bool
    address: Address
    delivery_options: tuple[DeliveryOption, ...] = ()
    effect_status: str = "ENABLED"
    sub_type: str = "DOMESTIC_WAREHOUSE"


@dataclass(frozen=True)
class ShopData:
    """One shop's catalogue, orders, money and logistics as the fixture made them."""

    products: tuple[Product, ...] = ()
    orders: tuple[Order, ...] = ()
    packages: tuple[Package, ...] = ()
    statements: tuple[Statement, ...] = ()
    payments: tuple[Payment, ...] = ()
    withdrawals: tuple[Withdrawal, ...] = ()
    warehouses: tuple[Warehouse, ...] = ()


@dataclass(frozen=True)
class ShopTokenSpec:
    """A pre-issued Shop token pair from the fixture, issued anew on every reset."""

    app_key: str
    seller: str
    access_token: str
    refresh_token: str
    scopes: tuple[str, ...] = ()
    expires_in: int | None = None
    refresh_expires_in: int | None = None


@dataclass(frozen=True)
class ShopFixture:
    """The fixture's `shop:` part, validated; frozen (the run-time state copies what it changes)."""

    apps: tuple[ShopApp, ...] = ()
    sellers: tuple[Seller, ...] = ()
    data: Mapping[str, ShopData] = field(default_factory=dict)  # shop id -> its data
    tokens: tuple[ShopTokenSpec, ...] = ()


def cents(amount: str) -> int:
    whole, _, frac = amount.partition(".")
    sign = -1 if whole.startswith("-") else 1
    return sign * (abs(int(whole or "0")) * 100 + int((frac + "00")[:2]))


def money(value: int) -> str:
    sign = "-" if value < 0 else ""
    return f"{sign}{abs(value) // 100}.{abs(value) % 100:02d}"
