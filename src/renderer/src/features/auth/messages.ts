// ko/en messages of the admin unlock panel (SPEC §9), under the top-level key "auth".
import type { English } from '../../i18n/messages'
const ko = {
  lockedTitle: '관리자 설정이 잠겨 있습니다',
  lockedBody:
    'KPI 목표, SLA 정책, 연결, 보고서 일정은 관리자만 바꿀 수 있습니다. 관리자 암호로 잠금을 해제하세요.',
  setTitle: '관리자 암호 만들기',
  setBody:
    '아직 관리자 암호가 없습니다. 이 컴퓨터의 관리자 설정을 보호할 암호를 정하세요(8자 이상). 암호 자체는 저장하지 않고 해시만 저장합니다.',
  passphrase: '관리자 암호',
  confirm: '암호 확인',
  mismatch: '두 암호가 다릅니다',
  tooShort: '8자 이상 입력하세요',
  unlock: '잠금 해제',
  setAndUnlock: '암호 만들고 잠금 해제',
  lock: '관리자 설정 잠그기',
  grantedItsm: 'ITSM 계정 {{name}}의 관리자 역할로 열려 있습니다',
  grantedPassphrase: '관리자 암호로 열려 있습니다',
  grantedFixed: '관리자 권한으로 열려 있습니다',
  itsmRole: 'ITSM 계정 {{name}}의 역할: {{role}}',
  itsmRuledTitle: '관리자 설정은 ITSM 관리자만 바꿀 수 있습니다',
  itsmRuledBody:
    '이 컴퓨터의 역할은 연결 {{source}}의 ITSM 계정 {{name}}에서 옵니다(역할: {{role}}). ITSM 계정이 역할을 알려 주는 동안에는 관리자 암호를 쓰지 않습니다. ITSM 관리자 계정의 토큰으로 연결을 바꾸면 관리자 설정이 열립니다(명령줄: npm run cli -- source …).',
  wrong_other: '암호가 틀렸습니다. {{count, number}}번 더 틀리면 잠시 입력이 막힙니다.',
  paused_other: '틀린 암호를 너무 많이 입력했습니다. {{count, number}}초 뒤에 다시 시도하세요.',
}
const en: English<typeof ko> = {
  lockedTitle: 'Admin settings are locked',
  lockedBody:
    'Only admins may change KPI targets, SLA policy, connections and report schedules. Unlock them with the admin passphrase.',
  setTitle: 'Create the admin passphrase',
  setBody:
    'No admin passphrase exists yet. Choose one (8 characters or more) to protect this computer’s admin settings. Only its hash is stored.',
  passphrase: 'Admin passphrase',
  confirm: 'Repeat the passphrase',
  mismatch: 'The passphrases differ',
  tooShort: 'Use 8 characters or more',
  unlock: 'Unlock',
  setAndUnlock: 'Create and unlock',
  lock: 'Lock admin settings',
  grantedItsm: 'Open through the admin role of the ITSM account {{name}}',
  grantedPassphrase: 'Open with the admin passphrase',
  grantedFixed: 'Open with admin rights',
  itsmRole: 'ITSM account {{name}} has the role {{role}}',
  itsmRuledTitle: 'Only ITSM admins may change admin settings',
  itsmRuledBody:
    'This computer’s role comes from the ITSM account {{name}} of connection {{source}} (role: {{role}}). While an ITSM account reports a role, the admin passphrase does not apply. Connecting with an ITSM admin account’s token opens the admin settings (command line: npm run cli -- source …).',
  wrong_one: 'Wrong passphrase. One more wrong attempt pauses unlocking for a while.',
  wrong_other: 'Wrong passphrase. {{count, number}} more wrong attempts pause unlocking for a while.',
  paused_one: 'Too many wrong passphrases. Try again in {{count, number}} second.',
  paused_other: 'Too many wrong passphrases. Try again in {{count, number}} seconds.',
}
export const authMessages = { key: 'auth', ko, en }
