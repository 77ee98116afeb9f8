"""Operations shaped like those of Saleor's official storefronts (storefront, react-storefront)."""
# ruff: noqa: E501  (GraphQL documents keep the storefront's own line lengths)

PRODUCT_LIST = """
fragment ProductListItem on Product {
  id
  name
  slug
  translation(languageCode: $locale) { id name }
  pricing {
    priceRange {
      start { gross { amount currency } }
      stop { gross { amount currency } }
    }
  }
  category { id name translation(languageCode: $locale) { id name } }
  thumbnail(size: 1024, format: WEBP) { url alt }
  variants {
    id
    name
    attributes(variantSelection: VARIANT_SELECTION) {
      attribute { id slug name }
      values { id name slug }
    }
  }
}
query ProductListPaginated($first: Int!, $after: String, $channel: String!, $locale: LanguageCodeEnum!) {
  products(first: $first, after: $after, channel: $channel) {
    totalCount
    edges { node { ...ProductListItem } cursor }
    pageInfo { endCursor hasNextPage }
  }
}
"""

SEARCH_PRODUCTS = """
query SearchProducts($search: String!, $sortBy: ProductOrderField!, $sortDirection: OrderDirection!, $first: Int!, $after: String, $channel: String!) {
  products(
    first: $first
    after: $after
    channel: $channel
    sortBy: { field: $sortBy, direction: $sortDirection }
    filter: { search: $search }
  ) {
    totalCount
    edges {
      node {
        id
        name
        slug
        thumbnail(size: 256, format: WEBP) { url alt }
        pricing { priceRange { start { gross { amount currency } } } }
      }
      cursor
    }
    pageInfo { endCursor hasNextPage }
  }
}
"""

PRODUCT_DETAILS = """
query ProductDetails($slug: String!, $channel: String!) {
  product(slug: $slug, channel: $channel) {
    id
    name
    slug
    description
    seoTitle
    seoDescription
    isAvailableForPurchase
    thumbnail(size: 1024, format: WEBP) { url alt }
    media { url(size: 512) alt type }
    category { id name slug }
    producer { name slug region { province regency } story }
    variants {
      id
      name
      quantityAvailable
      attributes(variantSelection: VARIANT_SELECTION) {
        attribute { slug name }
        values { name }
      }
      assignedAttribute(slug: "aroma") {
        attribute { slug }
        ... on AssignedSingleChoiceAttribute { value { name slug } }
      }
      pricing { price { gross { currency amount } } }
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

CHECKOUT_FRAGMENT = """
fragment CheckoutDetails on Checkout {
  id
  email
  lines {
    id
    quantity
    totalPrice { gross { amount currency } }
    variant {
      id
      name
      product { id name slug thumbnail { url alt } category { name } }
      pricing { price { gross { amount currency } } }
    }
  }
  shippingPrice { gross { amount currency } }
  subtotalPrice { gross { amount currency } }
  totalPrice { gross { amount currency } }
}
"""

CHECKOUT_CREATE = (
    CHECKOUT_FRAGMENT
    + """
mutation CheckoutCreate($channel: String!, $lines: [CheckoutLineInput!]) {
  checkoutCreate(input: { channel: $channel, lines: $lines }) {
    checkout { ...CheckoutDetails }
    errors { field code message }
  }
}
"""
)

CHECKOUT_ADD_LINE = (
    CHECKOUT_FRAGMENT
    + """
mutation CheckoutAddLine($id: ID!, $productVariantId: ID!, $quantity: Int!) {
  checkoutLinesAdd(id: $id, lines: [{ quantity: $quantity, variantId: $productVariantId }]) {
    checkout { ...CheckoutDetails }
    errors { field code message variants }
  }
}
"""
)

CHECKOUT_UPDATE_LINE = (
    CHECKOUT_FRAGMENT
    + """
mutation CheckoutLinesUpdate($id: ID!, $lineId: ID!, $quantity: Int!) {
  checkoutLinesUpdate(id: $id, lines: [{ lineId: $lineId, quantity: $quantity }]) {
    checkout { ...CheckoutDetails }
    errors { field code message }
  }
}
"""
)

CHECKOUT_DELETE_LINES = (
    CHECKOUT_FRAGMENT
    + """
mutation CheckoutDeleteLines($checkoutId: ID!, $lineIds: [ID!]!) {
  checkoutLinesDelete(id: $checkoutId, linesIds: $lineIds) {
    checkout { ...CheckoutDetails }
    errors { field code message }
  }
}
"""
)

CHECKOUT_FIND = (
    CHECKOUT_FRAGMENT
    + """
query CheckoutFind($id: ID!) {
  checkout(id: $id) { ...CheckoutDetails }
}
"""
)

CHECKOUT_EMAIL_UPDATE = """
mutation CheckoutEmailUpdate($id: ID!, $email: String!) {
  checkoutEmailUpdate(id: $id, email: $email) {
    checkout { id email }
    errors { field code message }
  }
}
"""

CHECKOUT_SHIPPING_ADDRESS_UPDATE = """
mutation CheckoutShippingAddressUpdate($id: ID!, $address: AddressInput!) {
  checkoutShippingAddressUpdate(id: $id, shippingAddress: $address) {
    checkout {
      id
      shippingAddress { firstName streetAddress1 city cityArea countryArea postalCode country { code } }
      shippingMethods { id name price { amount currency } }
      shippingPrice { gross { amount } }
      totalPrice { gross { amount } }
    }
    errors { field code message }
  }
}
"""

CHECKOUT_DELIVERY_METHOD_UPDATE = """
mutation CheckoutDeliveryMethodUpdate($id: ID!, $deliveryMethodId: ID!) {
  checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $deliveryMethodId) {
    checkout { id deliveryMethod { ... on ShippingMethod { id name } } }
    errors { field code message }
  }
}
"""

CHECKOUT_COMPLETE = """
mutation CheckoutComplete($id: ID!) {
  checkoutComplete(id: $id) {
    order {
      id
      number
      token
      status
      paymentStatus
      total { gross { amount currency } }
      lines { productName variantName quantity totalPrice { gross { amount } } }
      fulfillments { status groupStatus uppksGroup { name } }
    }
    confirmationNeeded
    errors { field code message variants }
  }
}
"""

CURRENT_USER = """
query CurrentUser {
  me {
    id
    email
    firstName
    lastName
    avatar { url alt }
    orders(first: 10) {
      edges {
        node {
          id
          number
          created
          total { gross { amount currency } }
          lines { variant { id name product { name thumbnail { url } } } quantity }
          paymentStatus
        }
      }
    }
  }
}
"""

ORDER_BY_TOKEN = """
query OrderByToken($token: UUID!) {
  orderByToken(token: $token) {
    id
    number
    status
    userEmail
    shippingAddress { city countryArea postalCode }
    total { gross { amount currency } }
    lines { productName quantity unitPrice { gross { amount } } }
    fulfillments { groupStatus trackingNumber uppksGroup { name } }
  }
}
"""
