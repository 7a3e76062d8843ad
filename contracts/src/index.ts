export { advanceAnvilClock, advanceAnvilClockTo } from './advance-anvil.ts';
export { anvilAccount, anvilDeployerPrivateKey, anvilMnemonic } from './anvil-accounts.ts';
export {
  type GovernanceParams,
  localDevChainId,
  localDevGovernance,
  localDevReserve,
  productionFloors,
  productionGovernance,
  productionReserve,
} from './dataset-defaults.ts';
export {
  DeployPlazaError,
  type DeployPlazaParams,
  deployPlaza,
  type PlazaDeployment,
} from './deploy-plaza.ts';
export { proposalOutcome, proposalStatus, versionStatus } from './enums.ts';
export { plazaAbi, plazaBytecode } from './generated/plaza.ts';
export { testUsdAbi, testUsdBytecode } from './generated/test-usd.ts';
export {
  type BuildSharesTreeParams,
  buildSharesTree,
  buildSharesTreeWithLibrary,
  encodeSharesLeaf,
  type ShareHolder,
  type SharesLeaf,
  type SharesLeafJson,
  type SharesTree,
  type SharesTreeDump,
  SharesTreeInputError,
  sharesLeafEncoding,
  sharesLeafHash,
  verifySharesProof,
} from './shares-tree.ts';
export {
  type AnvilInstance,
  AnvilPortBusyError,
  AnvilStartError,
  resolveAnvilBinary,
  type StartAnvilOptions,
  startAnvil,
} from './start-anvil.ts';
