"""Catalog and content documents with the selections Saleor's Next.js storefront sends
(github saleor/storefront, main of 2026-07-24: product lists, search, category and collection
pages, the product page and its variant picker, menus, content pages), written here in our own
words so the tests run without its repository. Where the storefront relies on a Saleor shape
(typed ``assignedAttribute`` fragments, ``productVariants`` pages, ``slugLanguageCode``, the
``slugEN``... aliases for hreflang links), these documents ask for exactly that shape.
"""
# ruff: noqa: E501  (GraphQL documents)

LANGUAGES = ("EN", "PL", "DE", "FR", "FI", "NB", "JA", "KO")


def _slug_aliases(type_name: str, fragment: str) -> str:
    """The per-language ``slugXX: translation(languageCode: XX) { slug }`` aliases."""
    aliases = "\n".join(
        f"  slug{code}: translation(languageCode: {code}) {{ slug }}" for code in LANGUAGES
    )
    return f"fragment {fragment} on {type_name} {{\n{aliases}\n}}\n"


PRODUCT_SLUGS = _slug_aliases("Product", "ProductSlugs")
CATEGORY_SLUGS = _slug_aliases("Category", "CategorySlugs")
COLLECTION_SLUGS = _slug_aliases("Collection", "CollectionSlugs")
PAGE_SLUGS = _slug_aliases("Page", "PageSlugs")

ATTRIBUTE_VALUE_FIELDS = """
  name
  slug
  value
  translation(languageCode: $languageCode) { name }
  file { url }
"""

ATTRIBUTE_FIELDS = """
  slug
  name
  inputType
  translation(languageCode: $languageCode) { name }
"""

PRODUCT_CARD = f"""
fragment ProductCard on Product {{
  id
  name
  slug
  created
  translation(languageCode: $languageCode) {{ name slug }}
  pricing {{
    priceRange {{
      start {{ gross {{ amount currency }} }}
      stop {{ gross {{ amount currency }} }}
    }}
    priceRangeUndiscounted {{
      start {{ gross {{ amount currency }} }}
      stop {{ gross {{ amount currency }} }}
    }}
  }}
  category {{
    id
    name
    slug
    translation(languageCode: $languageCode) {{ name slug }}
    backgroundImage {{ url alt }}
  }}
  thumbnail(size: 1024, format: WEBP) {{ url alt }}
  bestseller: assignedAttribute(slug: "bestseller") {{ ... on AssignedBooleanAttribute {{ value }} }}
  pulseBestseller: assignedAttribute(slug: "pulse-bestseller") {{ ... on AssignedBooleanAttribute {{ value }} }}
  productVariants(first: 50) {{
    totalCount
    edges {{
      node {{
        id
        selectionAttributes: attributes(variantSelection: VARIANT_SELECTION) {{
          attribute {{ {ATTRIBUTE_FIELDS} }}
          values {{ {ATTRIBUTE_VALUE_FIELDS} }}
        }}
      }}
    }}
  }}
}}
"""

PRODUCT_LIST = (
    PRODUCT_CARD
    + """
query ProductList($first: Int = 9, $channel: String!, $languageCode: LanguageCodeEnum!) {
  products(first: $first, channel: $channel) {
    edges { node { ...ProductCard } }
  }
}
"""
)

PRODUCT_LIST_PAGINATED = (
    PRODUCT_CARD
    + """
query ProductListPaginated(
  $first: Int, $after: String, $last: Int, $before: String,
  $channel: String!, $languageCode: LanguageCodeEnum!,
  $sortBy: ProductOrder, $filter: ProductFilterInput, $where: ProductWhereInput
) {
  products(first: $first, after: $after, last: $last, before: $before, channel: $channel,
           sortBy: $sortBy, filter: $filter, where: $where) {
    totalCount
    edges { node { ...ProductCard } cursor }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""
)

SEARCH_PRODUCTS = (
    PRODUCT_CARD
    + """
query SearchProducts(
  $search: String!, $sortBy: ProductOrderField!, $sortDirection: OrderDirection!,
  $first: Int, $after: String, $last: Int, $before: String,
  $channel: String!, $languageCode: LanguageCodeEnum!
) {
  products(first: $first, after: $after, last: $last, before: $before, channel: $channel,
           sortBy: { field: $sortBy, direction: $sortDirection }, filter: { search: $search }) {
    totalCount
    edges { node { ...ProductCard } cursor }
    pageInfo { hasNextPage hasPreviousPage endCursor startCursor }
  }
}
"""
)

_LISTING = """
      edges { node { ...ProductCard } cursor }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      totalCount
"""

PRODUCT_LIST_BY_CATEGORY = (
    PRODUCT_CARD
    + CATEGORY_SLUGS
    + f"""
query ProductListByCategory(
  $slug: String!, $channel: String!, $languageCode: LanguageCodeEnum!,
  $slugLanguageCode: LanguageCodeEnum, $first: Int, $after: String,
  $sortBy: ProductOrder, $filter: ProductFilterInput, $where: ProductWhereInput
) {{
  category(slug: $slug, slugLanguageCode: $slugLanguageCode) {{
    id
    name
    slug
    description
    seoDescription
    seoTitle
    translation(languageCode: $languageCode) {{ name description seoDescription seoTitle slug }}
    ...CategorySlugs
    backgroundImage {{ url alt }}
    products(first: $first, after: $after, channel: $channel, sortBy: $sortBy, filter: $filter, where: $where) {{
      {_LISTING}
    }}
  }}
}}
"""
)

PRODUCT_LIST_BY_COLLECTION = (
    PRODUCT_CARD
    + COLLECTION_SLUGS
    + f"""
query ProductListByCollection(
  $slug: String!, $channel: String!, $languageCode: LanguageCodeEnum!,
  $slugLanguageCode: LanguageCodeEnum, $first: Int, $after: String,
  $sortBy: ProductOrder, $filter: ProductFilterInput, $where: ProductWhereInput
) {{
  collection(slug: $slug, channel: $channel, slugLanguageCode: $slugLanguageCode) {{
    id
    name
    slug
    description
    seoDescription
    seoTitle
    translation(languageCode: $languageCode) {{ name description seoDescription seoTitle slug }}
    ...CollectionSlugs
    backgroundImage {{ url alt }}
    products(first: $first, after: $after, sortBy: $sortBy, filter: $filter, where: $where) {{
      {_LISTING}
    }}
  }}
}}
"""
)

PRODUCT_DETAILS = (
    PRODUCT_SLUGS
    + """
query ProductDetails(
  $slug: String!, $channel: String!, $languageCode: LanguageCodeEnum!, $slugLanguageCode: LanguageCodeEnum
) {
  product(slug: $slug, channel: $channel, slugLanguageCode: $slugLanguageCode) {
    id
    name
    slug
    description
    seoTitle
    seoDescription
    isAvailable
    translation(languageCode: $languageCode) { name description seoTitle seoDescription slug }
    ...ProductSlugs
    thumbnail(size: 2048, format: WEBP) { url alt }
    media { url(size: 2048, format: WEBP) alt type }
    category { id name slug translation(languageCode: $languageCode) { name slug } }
    productType { slug }
    productVariants(first: 1) { totalCount }
    bestseller: assignedAttribute(slug: "bestseller") { ... on AssignedBooleanAttribute { value } }
    pulseBestseller: assignedAttribute(slug: "pulse-bestseller") { ... on AssignedBooleanAttribute { value } }
    assignedAttributes(limit: 50) {
      attribute { name slug translation(languageCode: $languageCode) { name } }
      ... on AssignedPlainTextAttribute {
        plainText: value
        plainTextTranslation: translation(languageCode: $languageCode)
      }
      ... on AssignedBooleanAttribute { boolean: value }
      ... on AssignedNumericAttribute { numeric: value }
      ... on AssignedSingleChoiceAttribute {
        choice: value { name slug translation(languageCode: $languageCode) }
      }
      ... on AssignedMultiChoiceAttribute {
        choices: value { name slug translation(languageCode: $languageCode) }
      }
    }
    pricing {
      priceRange {
        start { gross { amount currency } }
        stop { gross { amount currency } }
      }
    }
  }
}
"""
)

VARIANT_DETAILS = f"""
fragment PdpVariant on ProductVariant {{
  id
  name
  sku
  quantityAvailable
  translation(languageCode: $languageCode) {{ name }}
  selectionAttributes: attributes(variantSelection: VARIANT_SELECTION) {{
    values {{ {ATTRIBUTE_VALUE_FIELDS} }}
    attribute {{ name slug inputType translation(languageCode: $languageCode) {{ name }} }}
  }}
  nonSelectionAttributes: attributes(variantSelection: NOT_VARIANT_SELECTION) {{
    values {{ {ATTRIBUTE_VALUE_FIELDS} }}
    attribute {{ name slug inputType translation(languageCode: $languageCode) {{ name }} }}
  }}
  media {{ url(size: 2048, format: WEBP) alt type }}
  pricing {{
    price {{ gross {{ currency amount }} }}
    priceUndiscounted {{ gross {{ currency amount }} }}
  }}
}}
"""

PRODUCT_VARIANT_FOR_PDP = (
    VARIANT_DETAILS
    + """
query ProductVariantForPdp($id: ID, $sku: String, $channel: String!, $languageCode: LanguageCodeEnum!) {
  productVariant(id: $id, sku: $sku, channel: $channel) {
    ...PdpVariant
    product { id slug }
  }
}
"""
)

PRODUCT_VARIANTS_FOR_PDP = (
    VARIANT_DETAILS
    + """
query ProductVariantsForPdp(
  $slug: String!, $channel: String!, $languageCode: LanguageCodeEnum!, $first: Int!, $after: String
) {
  product(slug: $slug, channel: $channel) {
    id
    productVariants(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...PdpVariant } }
    }
  }
}
"""
)

_MENU_ITEM = """
fragment NavItem on MenuItem {
  id
  name
  level
  translation(languageCode: $languageCode) { name }
  category { id slug name translation(languageCode: $languageCode) { name slug } }
  collection { id name slug translation(languageCode: $languageCode) { name slug } }
  page { id title slug translation(languageCode: $languageCode) { title slug } }
  url
}
"""

MENU_GET_BY_SLUG = (
    _MENU_ITEM
    + """
query MenuGetBySlug($slug: String!, $channel: String!, $languageCode: LanguageCodeEnum!) {
  menu(slug: $slug, channel: $channel) {
    items { ...NavItem children { ...NavItem children { ...NavItem } } }
  }
}
"""
)

PAGE_GET_BY_SLUG = (
    PAGE_SLUGS
    + """
query PageGetBySlug($slug: String!, $languageCode: LanguageCodeEnum!, $slugLanguageCode: LanguageCodeEnum) {
  page(slug: $slug, slugLanguageCode: $slugLanguageCode) {
    id
    slug
    title
    seoTitle
    seoDescription
    content
    translation(languageCode: $languageCode) { title seoTitle seoDescription content slug }
    ...PageSlugs
  }
}
"""
)

STOREFRONT_CONTENT_PAGES = """
query StorefrontContentPages($channel: String!, $slugs: [String!]!, $languageCode: LanguageCodeEnum!) {
  pages(channel: $channel, where: { slug: { oneOf: $slugs } }, first: 20) {
    edges { node { ...ContentPage } }
  }
}
fragment ContentPage on Page {
  slug
  isPublished
  pageType { slug }
  assignedAttributes {
    attribute { slug }
    ... on AssignedPlainTextAttribute {
      plainText: value
      plainTextTranslation: translation(languageCode: $languageCode)
    }
    ... on AssignedBooleanAttribute { boolean: value }
    ... on AssignedNumericAttribute { numeric: value }
    ... on AssignedSingleCollectionReferenceAttribute { collection: value { slug } }
    ... on AssignedFileAttribute { file: value { url } }
  }
}
"""

# The slugs the storefront asks `pages` for: each content page type, for the channel and global.
CONTENT_PAGE_SLUGS = [
    slug
    for kind in ("policy", "chrome", "homepage", "products", "cart", "checkout")
    for base in ["storefront-policy" if kind == "policy" else f"storefront-{kind}"]
    for slug in (f"{base}-default-channel", base)
]

# Cart lines as the storefront's cart drawer asks for them (the attribute part is ours).
CHECKOUT_LINE_VARIANT = """
query CartVariant($id: ID!, $languageCode: LanguageCodeEnum!) {
  productVariant(id: $id, channel: "default-channel") {
    selectionAttributes: attributes(variantSelection: VARIANT_SELECTION) {
      attribute { name slug inputType translation(languageCode: $languageCode) { name } }
      values { name value translation(languageCode: $languageCode) { name } file { url } }
    }
  }
}
"""

ALL = {
    "ProductList": PRODUCT_LIST,
    "ProductListPaginated": PRODUCT_LIST_PAGINATED,
    "SearchProducts": SEARCH_PRODUCTS,
    "ProductListByCategory": PRODUCT_LIST_BY_CATEGORY,
    "ProductListByCollection": PRODUCT_LIST_BY_COLLECTION,
    "ProductDetails": PRODUCT_DETAILS,
    "ProductVariantForPdp": PRODUCT_VARIANT_FOR_PDP,
    "ProductVariantsForPdp": PRODUCT_VARIANTS_FOR_PDP,
    "MenuGetBySlug": MENU_GET_BY_SLUG,
    "PageGetBySlug": PAGE_GET_BY_SLUG,
    "StorefrontContentPages": STOREFRONT_CONTENT_PAGES,
    "CartVariant": CHECKOUT_LINE_VARIANT,
}
