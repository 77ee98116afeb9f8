"""Proves Saleor's own Next.js storefront against Pasar UPPKS: ``make saleor-storefront``."""
