-- ASP.NET Core data-protection keys (they sign the admin sign-in cookie and antiforgery tokens). Kept in the
-- database so that every app instance of a cluster accepts the cookies the others issued.
CREATE TABLE data_protection_keys (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    friendly_name text   NOT NULL UNIQUE,
    xml          text    NOT NULL
);
