import APIContract
import SchemaModel

extension LimitsSchema {
    /// The app's page sizes as the contract families (audit, usage) document them.
    var contractPageSize: ContractPageSize { ContractPageSize(defaultLimit: defaultPageSize, maximumLimit: maxPageSize) }
}
