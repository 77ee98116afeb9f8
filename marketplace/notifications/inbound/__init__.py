"""Two-way WhatsApp: members answer order notices by message (see docs/WHATSAPP.md).

``webhooks`` checks and reads what a gateway posts, ``parser`` turns text into a command,
``receive`` stores the message once and applies the command through the order and catalog
services, ``digest`` writes each group's morning summary.
"""
